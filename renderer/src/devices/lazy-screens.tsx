import { lazy, Suspense } from 'react';
import type { ComponentProps, ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

// Canvas drawing (ECG paper, pleth) and the settings forms load when a screen first shows them,
// which keeps them out of the start-up bundle on a slow PC.
const DevicesScreen = lazy(() => import('./DevicesScreen.js').then((m) => ({ default: m.DevicesScreen })));
const DeviceSettingsScreen = lazy(() =>
  import('./DeviceSettingsScreen.js').then((m) => ({ default: m.DeviceSettingsScreen })),
);
const DevicesPanel = lazy(() => import('./DevicesPanel.js').then((m) => ({ default: m.DevicesPanel })));

function Loading() {
  const { t } = useTranslation();
  return <p className="muted">{t('status.loading')}</p>;
}

function later<P extends object>(Component: ComponentType<P>) {
  return function Later(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Component {...props} />
      </Suspense>
    );
  };
}

export const LazyDevicesScreen = later<ComponentProps<typeof DevicesScreen>>(DevicesScreen);
export const LazyDeviceSettingsScreen = later<ComponentProps<typeof DeviceSettingsScreen>>(DeviceSettingsScreen);
export const LazyDevicesPanel = later<ComponentProps<typeof DevicesPanel>>(DevicesPanel);

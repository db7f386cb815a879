import { lazy, Suspense } from 'react';
import type { ComponentProps, ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

// The call page brings simple-peer and the call engine; it loads when a call is first joined,
// which keeps them out of the start-up bundle on a slow PC.
const CallScreen = lazy(() => import('./call/CallScreen.js').then((m) => ({ default: m.CallScreen })));
const ConsultsScreen = lazy(() => import('./ConsultsScreen.js').then((m) => ({ default: m.ConsultsScreen })));

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

export const LazyCallScreen = later<ComponentProps<typeof CallScreen>>(CallScreen);
export const LazyConsultsScreen = later<ComponentProps<typeof ConsultsScreen>>(ConsultsScreen);

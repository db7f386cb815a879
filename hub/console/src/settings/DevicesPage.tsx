import { useTranslation } from 'react-i18next';
import { DevicePanel } from './DevicePanel.js';

/** The pre-call check on a page of its own: the choice is remembered for every call. */
export function DevicesPage() {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h1>{t('devices.pageTitle')}</h1>
      <p>{t('devices.intro')}</p>
      <DevicePanel />
    </section>
  );
}

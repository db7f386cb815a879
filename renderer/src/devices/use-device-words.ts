import { useTranslation } from 'react-i18next';
import type { DeviceCategory, DeviceInfo } from '../../../contract/index.js';

/**
 * Devices in words. States, reasons and errors arrive as codes; a code this version has no
 * words for is still shown (as its code), never hidden.
 */
export function useDeviceWords() {
  const { t, i18n } = useTranslation();
  const known = (key: string) => i18n.exists(key);
  return {
    name: (d: Pick<DeviceInfo, 'manufacturer' | 'model'>) => `${d.manufacturer} ${d.model}`,
    category: (c: DeviceCategory) => t(`devices.categories.${c}`),
    state: (s: DeviceInfo['state']) => t(`devices.states.${s}`),
    reason: (code: string) =>
      known(`devices.reasons.${code}`) ? t(`devices.reasons.${code}`) : t('devices.reasons.other', { code }),
    error: (code: string) => {
      // Codes such as "oximeter.probe_error" nest; a bare driver error kind ("timeout") sits under kinds.
      const key = code.includes('.') ? `devices.errors.${code}` : `devices.errors.kinds.${code}`;
      return known(key) ? t(key) : t('devices.errors.other', { code });
    },
    how: (how: DeviceInfo['how']) => t(`devices.how.${how}`),
  };
}

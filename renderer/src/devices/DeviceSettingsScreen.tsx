import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo, DeviceSettings, StationApi } from '../../../contract/index.js';
import type { DriverInfo } from '../../../contract/devices/devices-domain.js';
import type { z } from 'zod';
import { Failure, WhenLoaded } from '../Failure.js';
import { ChoiceGroup } from '../forms/ChoiceGroup.js';
import { fieldErrorsOf, unplacedIssues } from '../forms/field-issues.js';
import { SelectField } from '../forms/SelectField.js';
import { TextField } from '../forms/TextField.js';
import { useIssueText } from '../forms/use-issue-text.js';
import { useSubmission } from '../forms/use-submission.js';
import { PreCallCheck } from '../consults/media/PreCallCheck.js';
import { hrefOf } from '../routes.js';
import { useLoad } from '../../components/use-load.js';
import { DeviceList } from './DeviceList.js';
import { DeviceStateTag } from './DeviceStateTag.js';
import { draftOfSettings, validateSettings } from './settings-draft.js';
import type { AssignmentDraft, SettingsDraft } from './settings-draft.js';
import { useDeviceFeed } from './use-device-feed.js';
import { useDeviceWords } from './use-device-words.js';

type Driver = z.infer<typeof DriverInfo>;

/** Which field paths sit next to a field; any other issue is listed above the buttons. */
const PLACED = /^(source|assignments\.\d+\.(driver|path))$/;

/**
 * There is no separate connection test in the core: the station opens an assigned port by
 * itself. This shows the live state of the device on that port, and says so.
 */
function PortState({ devices, row }: { devices: readonly DeviceInfo[]; row: AssignmentDraft }) {
  const { t } = useTranslation();
  const device = devices.find((d) => d.driver === row.driver && d.port === row.path.trim());
  return (
    <div className="port-state" data-testid="port-state">
      <span className="muted">{t('deviceSettings.test')}:</span>{' '}
      {device ? <DeviceStateTag device={device} /> : <span className="muted">{t('deviceSettings.notFound')}</span>}
    </div>
  );
}

function SettingsForm({
  station,
  saved,
  drivers,
  devices,
}: {
  station: StationApi;
  saved: DeviceSettings;
  drivers: readonly Driver[];
  devices: readonly DeviceInfo[];
}) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  const issueText = useIssueText();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOfSettings(saved));
  const [savedNow, setSavedNow] = useState(false);
  const nextKey = useRef(draft.assignments.length + 1);
  const { errors, failure, busy, send, setErrors } = useSubmission();
  const edit = (patch: Partial<SettingsDraft>) => {
    setSavedNow(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const editRow = (key: number, patch: Partial<AssignmentDraft>) =>
    edit({ assignments: draft.assignments.map((a) => (a.key === key ? { ...a, ...patch } : a)) });
  const addRow = () => {
    edit({ assignments: [...draft.assignments, { key: nextKey.current, driver: '', path: '' }] });
    nextKey.current += 1;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateSettings(draft);
    if (!checked.ok) return setErrors(fieldErrorsOf(checked.issues));
    send(
      () => station.devices.saveSettings(checked.settings),
      (settings) => {
        setDraft(draftOfSettings(settings));
        nextKey.current = settings.assignments.length + 1;
        setSavedNow(true);
      },
    );
  };
  const others = unplacedIssues(errors, (path) => PLACED.test(path));
  const driverName = (d: Driver) => `${d.manufacturer} ${d.model} (${words.category(d.category)})`;

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <ChoiceGroup
        legend={t('deviceSettings.source')}
        value={draft.source}
        options={(['simulated', 'real'] as const).map((s) => ({ value: s, label: t(`deviceSettings.sources.${s}`) }))}
        onChange={(source) => edit({ source })}
        issues={errors['source']}
      />
      <fieldset className="form-section">
        <legend>{t('deviceSettings.assignments')}</legend>
        <p className="muted">{t('deviceSettings.assignmentsHint')}</p>
        {draft.source === 'simulated' && <p className="banner banner-info">{t('deviceSettings.simulatedNote')}</p>}
        {draft.assignments.length === 0 && <p className="muted">{t('deviceSettings.noAssignments')}</p>}
        {draft.assignments.map((row, index) => (
          <fieldset key={row.key} className="assignment-row" data-testid="assignment">
            <legend>{t('deviceSettings.assignmentRow', { n: index + 1 })}</legend>
            <SelectField
              label={t('deviceSettings.driver')}
              value={row.driver}
              emptyLabel={t('deviceSettings.chooseDriver')}
              options={drivers.map((d) => ({ value: d.id, label: driverName(d) }))}
              onChange={(driver) => editRow(row.key, { driver })}
              issues={errors[`assignments.${index}.driver`]}
            />
            <TextField
              label={t('deviceSettings.path')}
              value={row.path}
              onChange={(path) => editRow(row.key, { path })}
              issues={errors[`assignments.${index}.path`]}
              hint={t('deviceSettings.pathHint')}
              maxLength={256}
              className="mono-input"
            />
            <div className="assignment-side">
              <PortState devices={devices} row={row} />
              <button
                type="button"
                className="secondary"
                onClick={() => edit({ assignments: draft.assignments.filter((a) => a.key !== row.key) })}
              >
                {t('deviceSettings.removeAssignment', { n: index + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={addRow}>
          {t('deviceSettings.addAssignment')}
        </button>
        <p className="muted">{t('deviceSettings.testNote')}</p>
      </fieldset>
      {others.length > 0 && (
        <ul className="banner banner-error" role="alert">
          {others.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      )}
      <Failure message={failure} />
      {savedNow && (
        <p className="banner banner-success" role="status" data-testid="settings-saved">
          {t('deviceSettings.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : t('deviceSettings.save')}
        </button>
      </div>
    </form>
  );
}

function DriverTable({ drivers }: { drivers: readonly Driver[] }) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  return (
    <table className="record-table" aria-labelledby="drivers-title">
      <thead>
        <tr>
          <th scope="col">{t('deviceSettings.model')}</th>
          <th scope="col">{t('deviceSettings.category')}</th>
          <th scope="col">{t('deviceSettings.link')}</th>
          <th scope="col">{t('deviceSettings.usb')}</th>
          <th scope="col">{t('deviceSettings.driverId')}</th>
        </tr>
      </thead>
      <tbody>
        {drivers.map((d) => (
          <tr key={d.id} data-testid="driver">
            <th scope="row">
              {d.manufacturer} {d.model}
            </th>
            <td>{words.category(d.category)}</td>
            <td>{t(`deviceSettings.links.${d.link}`)}</td>
            <td className="mono">{d.usb.length > 0 ? d.usb.join(', ') : t('common.none')}</td>
            <td className="mono">{d.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where devices come from, which port serves which driver, the drivers there are, and the devices now. */
export function DeviceSettingsScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const feed = useDeviceFeed(station);
  const load = useCallback(
    async () => ({
      settings: await station.devices.settings({}),
      drivers: await station.devices.drivers({}),
    }),
    [station],
  );
  const [page] = useLoad(load);
  return (
    <section className="panel wide" aria-labelledby="device-settings-title">
      <div className="panel-head">
        <h1 id="device-settings-title">{t('deviceSettings.title')}</h1>
        <a className="button" href={hrefOf({ name: 'vitals' })}>
          {t('deviceSettings.back')}
        </a>
      </div>
      <WhenLoaded page={page}>
        {({ settings, drivers }) => (
          <>
            <SettingsForm station={station} saved={settings} drivers={drivers} devices={feed.devices} />
            <h2 id="attached-title">{t('devices.attached')}</h2>
            {feed.feed === null ? (
              <p className="muted">{t('devices.connecting')}</p>
            ) : feed.devices.length === 0 ? (
              <p className="muted">{t('devices.none')}</p>
            ) : (
              <DeviceList station={station} devices={feed.devices} canDownload={false} />
            )}
            <h2 id="drivers-title">{t('deviceSettings.drivers')}</h2>
            <DriverTable drivers={drivers} />
          </>
        )}
      </WhenLoaded>
      <PreCallCheck />
    </section>
  );
}

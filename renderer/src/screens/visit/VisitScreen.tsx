import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { readingValueText } from '../../../components/vitals/reading-text.js';
import { VisitConsults } from '../../consults/VisitConsults.js';
import { LazyDevicesPanel } from '../../devices/lazy-screens.js';
import { WhenLoaded } from '../../Failure.js';
import { CloseVisit } from './CloseVisit.js';
import { DiagnosisPicker } from './DiagnosisPicker.js';
import { DiagnosisTable } from './DiagnosisTable.js';
import { useVisitPage } from './use-visit-page.js';
import type { VisitPageData } from './use-visit-page.js';
import { VisitHeader } from './VisitHeader.js';
import { notesDirty, useNotesDraft, VisitNotes } from './VisitNotes.js';
import { VitalsEntry } from './VitalsEntry.js';
import { VitalsTable } from './VitalsTable.js';

function VisitWorkspace({ station, data, reload }: { station: StationApi; data: VisitPageData; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { visit, patient, histories } = data;
  const [notes, setNotes] = useNotesDraft(visit);
  const [justSaved, setJustSaved] = useState<readonly string[]>([]);
  const open = visit.status === 'in-progress';
  const saved = visit.vitals.filter((r) => justSaved.includes(r.id));
  const bmi = saved.find((r) => r.kind === 'bmi');
  return (
    <div className="record-page">
      <section className="panel wide">
        <VisitHeader visit={visit} patient={patient} />
        {!open && (
          <p className="banner banner-info" role="status">
            {t('visit.closedNotice', { when: visit.endedAt ? format.dateTime(visit.endedAt) : '' })}
          </p>
        )}
      </section>
      <section className="panel wide">
        <VisitNotes station={station} visit={visit} draft={notes} setDraft={setNotes} onSaved={reload} />
      </section>
      {open && (
        <LazyDevicesPanel
          station={station}
          visitId={visit.id}
          onStored={(ids) => {
            setJustSaved(ids);
            reload();
          }}
        />
      )}
      <section className="panel wide" aria-labelledby="vitals-title">
        <h2 id="vitals-title">{t('visit.vitals')}</h2>
        {open && (
          <VitalsEntry
            station={station}
            visit={visit}
            onSaved={(ids) => {
              setJustSaved(ids);
              reload();
            }}
          />
        )}
        {saved.length > 0 && (
          <p className="banner banner-success" role="status" data-testid="vitals-saved">
            {t('visit.vitalsSaved', { count: saved.length })}
            {bmi && ` ${t('visit.bmiIs', { value: readingValueText(bmi, i18n.language), unit: bmi.unit })}`}
          </p>
        )}
        <VitalsTable station={station} readings={visit.vitals} histories={histories} onChanged={reload} />
      </section>
      <section className="panel wide" aria-labelledby="diagnoses-title">
        <h2 id="diagnoses-title">{t('visit.diagnoses')}</h2>
        <DiagnosisTable station={station} diagnoses={visit.diagnoses} histories={histories} onChanged={reload} />
        {open && <DiagnosisPicker station={station} visit={visit} onAdded={reload} />}
      </section>
      <VisitConsults station={station} visit={visit} patient={patient} />
      {open && (
        <section className="panel wide">
          <CloseVisit
            station={station}
            visit={visit}
            unsavedNotes={notesDirty(notes, visit) ? notes : null}
            onClosed={reload}
          />
        </section>
      )}
    </div>
  );
}

/** One visit: notes, vitals, diagnoses, closing; a closed visit is read-only except corrections. */
export function VisitScreen({ station, id }: { station: StationApi; id: string }) {
  const [page, reload] = useVisitPage(station, id);
  return (
    <WhenLoaded page={page}>{(data) => <VisitWorkspace station={station} data={data} reload={reload} />}</WhenLoaded>
  );
}

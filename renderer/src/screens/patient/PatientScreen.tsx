import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { VitalsGlance } from '../../../components/vitals/VitalsGlance.js';
import { PatientConsults } from '../../consults/status/PatientConsults.js';
import { WhenLoaded } from '../../Failure.js';
import { PatientTimeline } from '../timeline/PatientTimeline.js';
import { AllergyAlert } from './AllergyAlert.js';
import { ChronicConditionList } from './ChronicConditionList.js';
import { DemographicConflicts } from './DemographicConflicts.js';
import { DemographicsEditor } from './DemographicsEditor.js';
import { ExportFhirButton } from './ExportFhirButton.js';
import { PatientHeader } from './PatientHeader.js';
import { PatientTrends } from './PatientTrends.js';
import { usePatientPage } from './use-patient-page.js';
import type { PatientPageData } from './use-patient-page.js';
import { VisitStarter } from './VisitStarter.js';

/** The patient's record: who, allergies, chronic problems, latest vitals, trends and the timeline. */
export function PatientScreen({ station, id }: { station: StationApi; id: string }) {
  const [page, reload] = usePatientPage(station, id);
  return (
    <WhenLoaded page={page}>{(data) => <PatientRecordView station={station} data={data} reload={reload} />}</WhenLoaded>
  );
}

function PatientRecordView({
  station,
  data,
  reload,
}: {
  station: StationApi;
  data: PatientPageData;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const { patient, timeline, trends, latest, users, conflicts } = data;
  return (
    <div className="record-page">
      <section className="panel wide">
        <PatientHeader patient={patient} users={users} />
        <AllergyAlert allergies={patient.allergies} />
        <ChronicConditionList conditions={patient.chronicConditions} />
        <div className="record-actions">
          <VisitStarter station={station} patient={patient} />
          <ExportFhirButton station={station} patient={patient} />
        </div>
        <DemographicsEditor station={station} patient={patient} onChanged={reload} />
      </section>
      <DemographicConflicts conflicts={conflicts} users={users} />
      <section className="panel wide">
        <VitalsGlance readings={latest} title={t('vitalsPanel.latest')} />
      </section>
      <PatientConsults station={station} patientId={patient.id} />
      <section className="panel wide">
        <PatientTrends trends={trends} />
      </section>
      <section className="panel wide" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <PatientTimeline station={station} entries={timeline} />
      </section>
    </div>
  );
}

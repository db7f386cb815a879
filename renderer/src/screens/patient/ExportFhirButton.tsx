import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord, StationApi } from '../../../../contract/index.js';
import { useErrorMessage } from '../../use-error-message.js';

/** Saves the patient's FHIR R4 bundle as a JSON file (a Blob link; nothing leaves the station). */
export function ExportFhirButton({ station, patient }: { station: StationApi; patient: PatientRecord }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    setError(null);
    station.patients.exportFhir({ id: patient.id }).then(
      (bundle) => {
        const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' });
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `${patient.name}-${new Date().toISOString().slice(0, 10)}.fhir.json`;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setBusy(false);
      },
      (reason: unknown) => {
        setBusy(false);
        setError(errorMessage(reason));
      },
    );
  };
  return (
    <div className="export">
      <button type="button" className="secondary" onClick={download} disabled={busy}>
        {t('patient.exportFhir')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS } from '../../../../contract/index.js';
import type { StationApi } from '../../../../contract/index.js';
import { Failure } from '../../Failure.js';
import { useErrorMessage } from '../../use-error-message.js';
import { photoFromFile } from './photo-file.js';
import type { RequestDraft } from './request-draft.js';

/**
 * Photos for the request: each chosen picture is shrunk to a JPEG and kept in the visit's record
 * at once (a Media record), then listed here to go with the request. Taking one out of the
 * request leaves it in the record.
 */
export function PhotoFields({
  station,
  visitId,
  photos,
  onChange,
}: {
  station: StationApi;
  visitId: string;
  photos: RequestDraft['photos'];
  onChange: (photos: RequestDraft['photos']) => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])].slice(0, MAX_PHOTOS - photos.length);
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setFailure(null);
    const added: { id: string; preview: string }[] = [];
    try {
      for (const file of files) {
        const photo = await photoFromFile(file);
        const { photoId } = await station.consults.addPhoto({ visitId, contentType: 'image/jpeg', data: photo.data });
        added.push({ id: photoId, preview: photo.preview });
      }
    } catch (error) {
      setFailure(
        error instanceof DOMException || error instanceof TypeError
          ? t('consults.request.photoUnreadable')
          : errorMessage(error),
      );
    } finally {
      setBusy(false);
      onChange([...photos, ...added]);
    }
  };

  return (
    <fieldset className="consult-photos" data-testid="consult-photos">
      <legend>{t('consults.request.photos', { max: MAX_PHOTOS })}</legend>
      {photos.length > 0 && (
        <ul className="photo-list">
          {photos.map((photo, i) => (
            <li key={photo.id} data-testid="consult-photo">
              <img src={photo.preview} alt={t('consults.request.photoAlt', { n: i + 1 })} />
              <button type="button" onClick={() => onChange(photos.filter((p) => p.id !== photo.id))}>
                {t('consults.request.removePhoto')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS && (
        <label className="button">
          {busy ? t('consults.request.addingPhoto') : t('consults.request.addPhoto')}
          <input
            type="file"
            accept="image/jpeg,image/png"
            multiple
            disabled={busy}
            onChange={(event) => void add(event)}
            data-testid="consult-photo-input"
            className="visually-hidden"
          />
        </label>
      )}
      <Failure message={failure} />
    </fieldset>
  );
}

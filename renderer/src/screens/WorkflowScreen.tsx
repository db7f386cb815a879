import type { StationApi } from '../../../contract/index.js';
import { LazyCallScreen, LazyConsultsScreen } from '../consults/lazy-consults.js';
import { LazyDeviceSettingsScreen, LazyDevicesScreen } from '../devices/lazy-screens.js';
import type { Route } from '../routes.js';
import { SyncScreen } from '../sync/SyncScreen.js';
import { FollowUpScreen } from './follow-ups/FollowUpScreen.js';
import { PatientSearchScreen } from './intake/PatientSearchScreen.js';
import { PatientScreen } from './patient/PatientScreen.js';
import { RegisterScreen } from './registration/RegisterScreen.js';
import { UpcomingScreen } from './UpcomingScreen.js';
import { VisitScreen } from './visit/VisitScreen.js';

/** The screen for a workflow route; each record screen is keyed by its id so nothing leaks between records. */
export function WorkflowScreen({ station, route }: { station: StationApi; route: Route }) {
  switch (route.name) {
    case 'intake':
    case 'patients':
      return <PatientSearchScreen key={route.name} station={station} purpose={route.name} />;
    case 'register':
      return <RegisterScreen station={station} />;
    case 'patient':
      return <PatientScreen key={route.id} station={station} id={route.id} />;
    case 'visit':
      return <VisitScreen key={route.id} station={station} id={route.id} />;
    case 'follow-ups':
      return <FollowUpScreen station={station} />;
    case 'vitals':
      return <LazyDevicesScreen station={station} />;
    case 'devices':
      return <LazyDeviceSettingsScreen station={station} />;
    case 'sync':
      return <SyncScreen station={station} />;
    case 'consults':
      return <LazyConsultsScreen station={station} />;
    case 'call':
      return <LazyCallScreen key={route.consultId} station={station} consultId={route.consultId} />;
    case 'prescriptions':
    case 'emergency':
      return <UpcomingScreen route={route.name} />;
    case 'status':
      // The status screen needs no doctor and is shown outside the session gate.
      return null;
  }
}

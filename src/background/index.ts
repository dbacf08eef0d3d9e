// Service worker (Chrome) / event page (Firefox) entry: a thin shell.
import { startBackground } from './background';

startBackground();

/**
 * The phone's first script: it sends the join at once, then runs the app, whose code
 * the server preloads with the page (`server/routes/pages.ts`), so the join's round
 * trip overlaps the download of the app instead of following it. It links no stylesheet:
 * one in the page would hold the script (and the join) back until it arrived; the app
 * brings the theme (there is nothing to style before it draws).
 */
import { joinEarly } from './early-join.js';

joinEarly();
void import('./start.js');

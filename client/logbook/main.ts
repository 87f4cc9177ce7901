/** The logbook page of an arena's standing link (`/l/:code`): its strings, then the page. */
import '../lib/theme.css';
import { mount } from 'svelte';
import { addStrings } from '../lib/i18n/index.svelte.js';
import { nlLogbook } from '../lib/i18n/logbook.nl.js';
import Page from './Page.svelte';

void addStrings(nlLogbook, () => import('../lib/i18n/logbook.en.js').then((m) => m.enLogbook));
const code = decodeURIComponent(location.pathname.split('/')[2] ?? '').slice(0, 20);
mount(Page, { target: document.getElementById('app')!, props: { code } });

import '../lib/theme.css';
import { mount } from 'svelte';
import { addDutch } from '../lib/i18n/index.svelte.js';
import { nlFacilitator } from '../lib/i18n/nl.js';
import App from './App.svelte';

addDutch(nlFacilitator);
mount(App, { target: document.getElementById('app')! });

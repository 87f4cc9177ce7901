import '../lib/theme.css';
import './dark.css';
import { mount } from 'svelte';
import { addFacilitatorStrings } from '../lib/i18n/facilitator.js';
import App from './App.svelte';

addFacilitatorStrings();
mount(App, { target: document.getElementById('app')! });

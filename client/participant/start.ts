/** The participant app, loaded by `main.ts` once the join is on its way. */
import '../lib/theme.css';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });


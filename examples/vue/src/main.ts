import { createApp } from 'vue';
import { getSession } from '@chatomni/widgets';
import App from './App.vue';
import '../../admin.css';

// The ChatOmni proxy of the shop (`wrangler dev` serves it on :8080; set VITE_CHATOMNI_PROXY
// to the deployed Worker's URL in .env.production). Every element shares this session.
getSession().configure({
  baseUrl: import.meta.env.VITE_CHATOMNI_PROXY || 'http://127.0.0.1:8080',
});

createApp(App).mount('#app');

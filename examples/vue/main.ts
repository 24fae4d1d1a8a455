import { createApp } from 'vue';
import '../themes/dark.css';
import '../portal.css';
import App from './App.vue';

createApp(App).mount('#app');

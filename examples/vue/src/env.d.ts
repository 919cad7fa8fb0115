/// <reference types="vite/client" />
// Completion and type checks for <chatomni-*> in templates (Volar / vue-tsc).
import type {} from '@chatomni/widgets/vue';

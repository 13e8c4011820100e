/** Vuetify with SVG icons (no icon font to fetch), the theme following the system's light/dark setting. */
import { createVuetify, type ThemeDefinition } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';
import 'vuetify/styles';

// Primary colours chosen for ≥ 4.5:1 contrast with white text (light) and with the dark surface (dark).
// Medium-emphasis text (labels, hints) darker than Vuetify's 0.60 so it keeps ≥ 4.5:1 inside outlined fields.
const light: ThemeDefinition = {
  dark: false,
  variables: { 'medium-emphasis-opacity': 0.74 },
  colors: {
    primary: '#1a56a8',
    secondary: '#4a5568',
    error: '#b3261e',
    success: '#1b6e3a',
    warning: '#8a5300',
    info: '#1a56a8',
  },
};
const dark: ThemeDefinition = {
  dark: true,
  variables: { 'medium-emphasis-opacity': 0.8 },
  colors: {
    primary: '#9cc3ff',
    secondary: '#c3cad6',
    error: '#ffb4ab',
    success: '#7fd99a',
    warning: '#ffc266',
    info: '#9cc3ff',
  },
};

export function createAppVuetify() {
  return createVuetify({
    theme: { defaultTheme: 'system', themes: { light, dark } },
    icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
    defaults: {
      VTextField: { variant: 'outlined', density: 'comfortable' },
      VTextarea: { variant: 'outlined', density: 'comfortable' },
      VSelect: { variant: 'outlined', density: 'comfortable' },
      VAutocomplete: { variant: 'outlined', density: 'comfortable' },
      VCombobox: { variant: 'outlined', density: 'comfortable' },
    },
  });
}

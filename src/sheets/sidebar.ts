// The Google Sheets sidebar: the shared pane on the google.script.run bridge. The build inlines
// this bundle and the stylesheet into Sidebar.html (HtmlService cannot load local scripts).
import { mount } from '../ui/pane';
import { sheetsBridge } from './client-bridge';

mount(sheetsBridge(), document.getElementById('app')!);

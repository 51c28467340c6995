// The Excel task pane (placeholder until the pane's issue): says what works today and lists the
// functions in the user's display language. Host globals used here: Office.
import { languageFrom } from '../../shared/i18n/strings';
import { renderPlaceholder } from '../ui/placeholder';

Office.onReady(() => {
  const language = languageFrom(Office.context?.displayLanguage);
  document.getElementById('app')!.innerHTML = renderPlaceholder(language, 'excel');
});

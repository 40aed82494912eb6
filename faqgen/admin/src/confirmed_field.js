// The `confirmed:` field of a text whose translation status is followed (faqgen/cms.py): the
// status of its French and English as the check sees them, and "Confirm translation", which
// writes the value `build_faq.py confirm` would (faqgen/admin/src/translation.js). The value can
// still be typed or pasted. A CMS field type: a React class (the CMS hands over `h` and
// `createClass`); it finds its texts beside it through the key path of the form's field.
import { translationStatus } from './translation.js';

const WORDS = {
  fr: {
    fr: 'Français', en: 'Anglais', colon: '\u202f: ', confirm: 'Confirmer la traduction',
    'up to date': 'à jour', missing: 'manquant', stale: 'peut-être périmé', unconfirmed: 'non confirmé',
    confirmed: 'Traduction confirmée.',
  },
  en: {
    fr: 'French', en: 'English', colon: ': ', confirm: 'Confirm translation',
    'up to date': 'up to date', missing: 'missing', stale: 'may be out of date', unconfirmed: 'not confirmed',
    confirmed: 'Translation confirmed.',
  },
};

// The CMS's own styles are scoped to its components: a field type of ours brings its few.
const LAYOUT = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px' };
const BUTTON = {
  font: 'inherit', padding: '4px 12px', border: '1px solid currentColor', borderRadius: '4px',
  background: 'transparent', color: 'inherit', whiteSpace: 'nowrap', cursor: 'pointer',
};
const DISABLED = { opacity: 0.5, cursor: 'default' };

function words() {
  return (document.documentElement.lang || navigator.language).startsWith('fr') ? WORDS.fr : WORDS.en;
}

/** What the status says: "Translation confirmed." or "French: up to date · English: may be out of date". */
export function statusText({ states }, said = words()) {
  if (Object.values(states).every((state) => state === 'up to date')) return said.confirmed;
  return Object.entries(states).map(([lang, state]) => `${said[lang]}${said.colon}${said[state]}`).join(' · ');
}

export function confirmedField(h, createClass) {
  return createClass({
    getInitialState() {
      return { status: null };
    },
    componentDidMount() {
      this.refresh();
    },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry || previous.value !== this.props.value) this.refresh();
    },
    // The texts this `confirmed:` belongs to: the mapping around it in the entry being edited.
    texts() {
      const keyPath = this.root?.closest('[data-key-path]')?.dataset.keyPath;
      const { entry } = this.props;
      if (!keyPath || !entry) return null;
      const path = keyPath.split('.').slice(0, -1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      const texts = typeof entry.getIn === 'function' ? entry.getIn(['data', ...path]) : null;
      return texts && typeof texts.toJS === 'function' ? texts.toJS() : texts;
    },
    async refresh() {
      const texts = this.texts();
      if (!texts) return;
      const status = await translationStatus({ ...texts, confirmed: this.props.value });
      if (JSON.stringify(status) !== JSON.stringify(this.state.status)) this.setState({ status });
    },
    render() {
      const { forID, value, onChange, classNameWrapper, field } = this.props;
      const { status } = this.state;
      const said = words();
      const label = typeof field?.get === 'function' ? field.get('label') : field?.label;
      const confirmed = !status?.expected || status.expected === value;  // nothing to confirm
      return h('div', { ref: (element) => { this.root = element; }, className: 'faq-confirmed', style: LAYOUT },
        h('input', {
          id: forID, type: 'text', value: value ?? '', className: classNameWrapper, 'aria-label': label, style: { flex: '1 1 100%' },
          'aria-describedby': `${forID}-status`, onChange: (event) => onChange(event.target.value),
        }),
        h('p', { id: `${forID}-status`, role: 'status', style: { margin: 0 }, 'data-states': status ? JSON.stringify(status.states) : '' },
          status ? statusText(status, said) : ''),
        h('button', {
          type: 'button', style: { ...BUTTON, ...(confirmed ? DISABLED : {}) }, disabled: confirmed,
          onClick: () => status?.expected && onChange(status.expected),
        }, said.confirm));
    },
  });
}

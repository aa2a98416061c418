// The report panel's only script: a click (or Enter) on a finding asks the extension to reveal it; which families
// are collapsed and the scroll position survive hiding the panel and reloading the window.
(function () {
  const vscode = acquireVsCodeApi();
  const embedded = document.body.dataset.webviewState ? JSON.parse(document.body.dataset.webviewState) : {};
  const state = { ...(vscode.getState() || {}), ...embedded };
  vscode.setState(state);
  const collapsed = new Set(state.collapsed || []);

  function save() {
    vscode.setState({ ...vscode.getState(), collapsed: [...collapsed], scrollY: window.scrollY });
  }

  for (const section of document.querySelectorAll('section.family')) {
    const family = section.getAttribute('data-family');
    if (collapsed.has(family)) section.classList.add('collapsed');
    section.querySelector('h2').addEventListener('click', () => {
      section.classList.toggle('collapsed');
      if (section.classList.contains('collapsed')) collapsed.add(family);
      else collapsed.delete(family);
      save();
    });
  }

  function reveal(row) {
    const [line, character, endLine, endCharacter] = row.getAttribute('data-range').split(',').map(Number);
    vscode.postMessage({ type: 'reveal', cellIndex: Number(row.getAttribute('data-cell')), range: { line, character, endLine, endCharacter } });
  }

  for (const row of document.querySelectorAll('tr.finding[data-cell]')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('a')) return;
      reveal(row);
    });
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        reveal(row);
      }
    });
  }

  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  window.addEventListener('scroll', () => save(), { passive: true });
})();

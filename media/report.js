// The report's only script. Everywhere: tables marked data-sortable sort by a click on a header. In the VS Code
// panel: a click (or Enter) on a finding asks the extension to reveal it; which families are collapsed and the scroll
// position survive hiding the panel and reloading the window. A file written by the CLI inlines this same script.
(function () {
  function cellValue(row, column) {
    const cell = row.cells[column];
    if (!cell) return '';
    return cell.getAttribute('data-sort') ?? cell.textContent.trim();
  }

  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const headers = table.tHead ? [...table.tHead.rows[0].cells] : [];
    headers.forEach((th, column) => {
      th.setAttribute('tabindex', '0');
      const sort = () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = [...body.rows];
        rows.sort((a, b) => {
          const x = cellValue(a, column);
          const y = cellValue(b, column);
          const nx = Number(x);
          const ny = Number(y);
          const order = x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
          return ascending ? order : -order;
        });
        for (const row of rows) body.appendChild(row);
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  if (typeof acquireVsCodeApi !== 'function') return;
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
    // In the workspace report each notebook's findings sit in an article that names the notebook.
    const article = row.closest('article[data-path]');
    vscode.postMessage({
      type: 'reveal',
      ...(article ? { notebook: article.getAttribute('data-path') } : {}),
      cellIndex: Number(row.getAttribute('data-cell')),
      range: { line, character, endLine, endCharacter },
    });
  }

  for (const button of document.querySelectorAll('button.fix-button')) {
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      const row = button.closest('tr.finding');
      const [line, character, endLine, endCharacter] = row.getAttribute('data-range').split(',').map(Number);
      vscode.postMessage({
        type: 'fix',
        code: button.getAttribute('data-code'),
        cellIndex: Number(row.getAttribute('data-cell')),
        range: { line, character, endLine, endCharacter },
      });
    });
  }

  for (const row of document.querySelectorAll('tr.finding[data-cell]')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('a, button')) return;
      reveal(row);
    });
    row.addEventListener('keydown', (event) => {
      if (event.target.closest('button')) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        reveal(row);
      }
    });
  }

  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  window.addEventListener('scroll', () => save(), { passive: true });
})();

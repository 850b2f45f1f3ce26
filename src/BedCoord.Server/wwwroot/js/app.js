// One index.html for every page: the server falls back to it for /board/*, /lits/* and /recherche.

const root = document.getElementById('app');
const path = location.pathname.replace(/\/+$/, '') || '/';

const page = path === '/board/national' ? './national.js'
  : path === '/lits' || path.startsWith('/lits/') ? './beds.js'
  : path === '/recherche' || path.startsWith('/recherche/') ? './search.js'
    : './board.js';

import(page)
  .then((m) => m.start(root))
  .catch((e) => {
    console.error(e);
    root.textContent = 'Impossible de charger la page. Rechargez-la ; si le problème persiste, prévenez l’ORU.';
  });

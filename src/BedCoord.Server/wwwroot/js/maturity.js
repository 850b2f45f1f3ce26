// The maturity index pages (issue 13), one shell for three routes:
//   /maturite/etablissement/{finess}                 the establishment's page (radar, score over time beside tension)
//   /maturite/etablissement/{finess}/questionnaire   the questionnaire (saves as you go, submits a version)
//   /maturite/{region|secteur|departement}/{id}      the regional view
//   /maturite/france                                 the national view (by region)

import { h, replaceChildren } from './dom.js';

const root = document.getElementById('maturity-app');
const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
const kinds = { region: 'region', secteur: 'sector', departement: 'department' };

async function start() {
  try {
    if (parts[1] === 'etablissement' && parts[3] === 'questionnaire') {
      (await import('./maturity-form.js')).start(root, parts[2]);
    } else if (parts[1] === 'etablissement' && parts[2]) {
      (await import('./maturity-establishment.js')).start(root, parts[2]);
    } else if (parts[1] === 'france' && !parts[2]) {
      (await import('./maturity-region.js')).start(root, 'nation', 'FR');
    } else if (kinds[parts[1]] && parts[2]) {
      (await import('./maturity-region.js')).start(root, kinds[parts[1]], parts[2]);
    } else {
      replaceChildren(root, h('h1', {}, 'Indice de maturité'), h('p', {}, 'Adresse inconnue. ', h('a', { href: '/maturite/region/OCC' }, 'Vue régionale Occitanie')));
    }
  } catch (e) {
    console.error(e);
    replaceChildren(root, h('p', { class: 'message error' }, 'Impossible de charger la page. Rechargez-la ; si le problème persiste, prévenez l’ORU.'));
  }
}

start();

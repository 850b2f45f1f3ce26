// French vocabulary of domain.md, kept in one place so every page says the same thing.

export const LEVEL_LABELS = ['Normal', 'Tension', 'Tension forte', 'Crise'];
export const LEVEL_NAMES = ['normal', 'tension', 'tension-forte', 'crise'];

export const CATEGORIES = [
  { code: 'MED', label: 'Médecine', group: 'MCO' },
  { code: 'CHIR', label: 'Chirurgie', group: 'MCO' },
  { code: 'OBST', label: 'Gynécologie-obstétrique', group: 'MCO' },
  { code: 'PED', label: 'Pédiatrie', group: 'MCO' },
  { code: 'UHCD', label: "Unité d'hospitalisation de courte durée (urgences)", group: 'MCO' },
  { code: 'REA', label: 'Réanimation', group: 'MCO', critical: true },
  { code: 'USI', label: 'Soins intensifs', group: 'MCO', critical: true },
  { code: 'USC', label: 'Surveillance continue', group: 'MCO', critical: true },
  { code: 'SMR', label: 'Soins médicaux et de réadaptation', group: 'SMR' },
  { code: 'PSY', label: 'Psychiatrie', group: 'PSY' },
  { code: 'HAD', label: 'Hospitalisation à domicile (places)', group: 'HAD' },
  { code: 'USLD', label: 'Unité de soins de longue durée', group: 'USLD' },
  { code: 'EHPAD', label: 'Hébergement pour personnes âgées dépendantes (places)', group: 'EHPAD' },
];

export const CRITICAL_CARE = CATEGORIES.filter((c) => c.critical).map((c) => c.code);

export function categoryLabel(code) {
  return CATEGORIES.find((c) => c.code === code)?.label ?? code ?? '';
}

// The board's columns: MCO is shown without its critical-care beds, which get their own column,
// because a free surgical bed does not help a patient who needs réanimation.
export const BOARD_GROUPS = [
  { key: 'MCO', label: 'MCO', title: 'Médecine, chirurgie, obstétrique (hors soins critiques)' },
  { key: 'SC', label: 'Soins critiques', title: 'Réanimation, soins intensifs, surveillance continue' },
  { key: 'SMR', label: 'SMR', title: 'Soins médicaux et de réadaptation' },
  { key: 'PSY', label: 'PSY', title: 'Psychiatrie' },
  { key: 'HAD', label: 'HAD', title: 'Hospitalisation à domicile (places)' },
];

export const KIND_LABELS = {
  region: 'Région',
  sector: 'Secteur',
  department: 'Département',
  establishment: 'Établissement',
  unit: 'Service',
};

export const CHILD_KIND_LABELS = {
  region: 'Secteurs',
  sector: 'Départements',
  department: 'Établissements',
  establishment: 'Services',
};

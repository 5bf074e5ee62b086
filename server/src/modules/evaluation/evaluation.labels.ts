export const metricLabels = {
  attendance_rate: 'Fremmøde',
  dropout_rate: 'Frafald',
  self_sufficient_13w: 'Raskmeldt eller i job/uddannelse inden 13 uger efter holdets afslutning',
  satisfaction_mean: 'Tilfredshed (1–5)',
} as const;

export const operatorLabels = { '>=': 'mindst', '<=': 'højst' } as const;

export const riskGroupLabels = { green: 'Grøn', orange: 'Orange', red: 'Rød' } as const;

/**
 * A role's level and path from its STYRK-08 code, which decides the kind of learning that fits it: a skilled
 * trade builds on its trade certificate (y-vei, fagskole, mesterbrev, short certificates), a supervisor also
 * leads, a manager needs leadership of the kind the role does, a professional further education in the field.
 * Major groups follow ISCO-08: 1 managers, 2 professionals, 3 technicians, 4 clerks, 5 service and sales,
 * 6 farming, 7 craft, 8 operators, 9 elementary occupations; 0 armed forces.
 */

export type RolePath = 'manager' | 'supervisor' | 'trade' | 'elementary' | 'technician' | 'professional' | 'clerical';

/** First-line supervisors: ISCO 3121–3123 (mining, manufacturing, construction), 5151 (cleaning), 5222 (shop). */
const supervisorGroups = new Set(['3121', '3122', '3123', '5151', '5222']);
/** Stock and transport clerks (ISCO 432) hold a trade certificate in Norway (logistikkfaget): a trade path. */
const tradeClerkGroup = '432';

export function rolePathOf(styrkCode: string): RolePath {
  if (supervisorGroups.has(styrkCode)) return 'supervisor';
  if (styrkCode.startsWith(tradeClerkGroup)) return 'trade';
  switch (styrkCode[0]) {
    case '1':
      return 'manager';
    case '3':
      return 'technician';
    case '4':
      return 'clerical';
    case '5':
    case '6':
    case '7':
    case '8':
      return 'trade';
    case '9':
      return 'elementary';
    default:
      return 'professional';
  }
}

import helmet from 'helmet';

/**
 * Security headers for the public credential pages (/verify, /wallet): no scripts at all, styles inline
 * only, forms only to this site, never framed (a framed wallet page could be click-jacked into making a
 * share link), and no referrer (the wallet token is in the URL).
 */
export const publicPageHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
});

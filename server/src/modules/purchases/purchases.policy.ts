/**
 * Randers and Rebild (seed 001, "Privat aktør"): a private actor buys places on the municipal
 * health department's courses; the health department becomes its subcontractor (decision 1100).
 * The buyer is provider staff; the seller is the health department's staff. Each sees the
 * purchase from its own side only: a purchase between two other organisations is 404.
 */
import { definePolicy } from '../../platform/policy.js';

export const purchasePolicy = definePolicy({
  'purchase.list': {
    // Filtered in the service: the buyer's own purchases, the seller's purchases made from it.
    allow: { provider_staff: 'any', health_professional: 'any' },
    purpose: {
      da: 'Køb af pladser hos sundhedsafdelingen',
      en: 'Places bought from the health department',
    },
  },
  'purchase.create': {
    allow: { provider_staff: 'organisation' },
    purpose: {
      da: 'Køb af pladser hos sundhedsafdelingen',
      en: 'Buying places from the health department',
    },
  },
  'purchase.read': {
    allow: { provider_staff: 'organisation', health_professional: 'organisation' },
    purpose: {
      da: 'Købte pladser og de borgere, der har dem',
      en: 'Bought places and the citizens holding them',
    },
  },
  'purchase.decide': {
    allow: { health_professional: 'organisation' },
    purpose: {
      da: 'Accept eller afvisning af et køb af pladser',
      en: 'Accepting or declining a purchase of places',
    },
  },
  'purchase.place': {
    allow: { provider_staff: 'organisation' },
    purpose: {
      da: 'Borger henvist til udbyderen sat på en købt plads',
      en: 'Placing a citizen referred to the provider on a bought place',
    },
  },
  'purchase.outcome': {
    allow: { provider_staff: 'organisation' },
    purpose: {
      da: 'Registrering af resultat efter forløbet på en købt plads',
      en: 'Recording the outcome of a course on a bought place',
    },
  },
});

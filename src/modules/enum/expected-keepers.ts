/** What the ENUM module reads of other modules, through their keepers (it imports none of them). */

/** The numbers module (portability): the routing number of an active number, by its digits. */
export interface ExpectedNumbers {
  routeOf(digits: string): { carrier: string; routingNumber: string } | undefined;
}

// The whole scoring pipeline at one analysis date.
export { type CustomerScores, type ScoreOptions, scoreCustomers } from './score-customers.js';

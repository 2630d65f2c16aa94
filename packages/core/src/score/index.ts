// The whole scoring pipeline at one analysis date.
export {
  type CustomerScores,
  SCORE_STAGES,
  type ScoreOptions,
  type ScoreStage,
  scoreCustomers,
  scoreCustomersSteps,
} from './score-customers.js';

// Generic text for the None intent: questions and remarks about the world at large,
// written for this engine (no third-party text). They are extra, lightly weighted
// examples of None in every app, so that None learns what "anything else" looks like
// even when the app gives it no examples: words such as "what is the" stop pointing at
// whichever intent happens to use them, and a query about capitals, history or the
// speed of light lands on None instead of the nearest intent. Topics bots commonly
// serve (ordering, bookings, weather, music, accounts) are left out on purpose, so
// an app's own intents are not taught against themselves.
export const BACKGROUND_UTTERANCES: readonly string[] = [
  'what is the capital of australia', 'how tall is mount everest', 'who painted the mona lisa', 'when did the second world war end',
  'how many bones are in the human body', 'why is the sky blue', 'what is the speed of light', 'who wrote romeo and juliet',
  'how far away is the moon', 'what is the largest ocean on earth', 'how many continents are there', 'who discovered penicillin',
  'what language do they speak in brazil', 'what is the population of china', 'how old is the universe', 'who was the first person on the moon',
  'what is photosynthesis', 'how do volcanoes form', 'what does dna stand for', 'which planet is closest to the sun',
  'how many legs does a spider have', 'what do pandas eat', 'how long do elephants live', 'why do cats purr',
  'what is the square root of 144', 'what is seven times eight', 'is zero an even number', 'what is pi to five digits',
  'tell me a joke', 'do you know any riddles', 'what is the meaning of life', 'do you believe in ghosts',
  'are you a robot', 'what is your favourite colour', 'do you have feelings', 'who made you',
  'how are you today', 'what are you doing', 'i am bored', 'that is funny',
  'my brother lives in another country', 'i like to go hiking on weekends', 'we adopted a puppy last year', 'my grandmother grew up on a farm',
  'the neighbours are painting their fence', 'i forgot my umbrella at the office', 'she plays the violin beautifully', 'he is learning to speak japanese',
  'what is the difference between a frog and a toad', 'how do bees make honey', 'why do leaves change colour in autumn', 'how deep is the mariana trench',
  'who invented the telephone', 'when was the printing press invented', 'what was the roman empire', 'why did the titanic sink',
  'how many countries are in europe', 'what is the longest river in the world', 'where is the great wall', 'what is the tallest building',
  'how do you say thank you in french', 'what does the word serendipity mean', 'spell the word necessary', 'what rhymes with orange',
  'what is the chemical symbol for gold', 'what is the boiling point of water', 'how does gravity work', 'what is a black hole',
  'can penguins fly', 'are tomatoes a fruit', 'do fish sleep', 'how fast can a cheetah run',
  'who is the president of france', 'what is democracy', 'when is the next leap year', 'how many days are in a year',
  'what came first the chicken or the egg', 'if a tree falls in a forest does it make a sound', 'is time travel possible', 'are we alone in the universe',
  'how do i fold a paper crane', 'how do you play chess', 'what are the rules of sudoku', 'how many squares are on a chessboard',
  'the cat is sleeping on the sofa', 'it was a long day', 'i saw a rainbow this morning', 'the river flooded last spring',
  'write me a poem about the sea', 'sing me a song', 'say something nice', 'can you keep a secret',
  'what is the biggest animal that ever lived', 'how many teeth does a shark have', 'where do polar bears live', 'why do birds migrate',
  'who won the nobel prize in physics', 'what is the theory of relativity', 'who was albert einstein', 'what is an atom made of',
  'how many stars are in the milky way', 'what is the hottest planet', 'how long is a day on mars', 'does the moon have water',
  'what is the oldest tree', 'how are rainbows made', 'what causes earthquakes', 'how do magnets work',
  'who built the pyramids', 'what is the oldest city in the world', 'when did dinosaurs die out', 'what language is spoken in egypt',
  'translate hello into spanish', 'what is the plural of mouse', 'is it affect or effect', 'how many letters are in the alphabet',
  'do you like dogs or cats', 'what makes you happy', 'have you ever been in love', 'what is your name',
  'good night', 'see you later', 'thanks for nothing', 'never mind',
  'what is the weight of a blue whale', 'how big is the sun', 'what is the smallest country', 'what is the coldest place on earth',
  'who is the fastest runner ever', 'how long is a marathon', 'what is the history of the olympic games', 'how many players are on a football team',
  'my favourite season is winter', 'the garden needs watering', 'my phone battery died yesterday', 'we went to the beach in july',
  'explain how the internet was invented', 'who was cleopatra', 'what is the meaning of the word nostalgia', 'describe a rainbow',
];

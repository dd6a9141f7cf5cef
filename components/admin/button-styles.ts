const BUTTON_TONES = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800 dark:bg-indigo-400 dark:text-gray-950 dark:hover:bg-indigo-300",
  danger: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-400 dark:text-gray-950 dark:hover:bg-red-300",
  plain:
    "border border-gray-300 bg-white text-gray-900 hover:bg-gray-100 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100 dark:hover:bg-gray-800",
};

export type ButtonTone = keyof typeof BUTTON_TONES;

export function buttonClass(tone: ButtonTone = "primary") {
  return `inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${BUTTON_TONES[tone]}`;
}

/**
 * The paths of the icons the list does not draw (icons.ts): the chunks that draw them (the
 * conversation's view, the status badges) add them with `addIcons(moreIcons)`.
 */
export const moreIcons = {
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  chevron: 'M6 9l6 6 6-6',
  file: 'M14 3H6v18h12V7zM14 3v4h4',
  send: 'M4 12l16-8-6 16-3-7z',
  attach: 'M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
};

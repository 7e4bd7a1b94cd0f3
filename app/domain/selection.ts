// Selection by the demand side: what is shared by the server and the pages.

/**
 * The reason stored on the proposals declined automatically when another is selected. It is kept
 * as text, like the reasons owners write, so a page that knows nothing about it still shows a
 * sensible reason; pages that recognise it show it in the reader's language.
 */
export const OTHER_SELECTED_REASON = "已选定其他方案";

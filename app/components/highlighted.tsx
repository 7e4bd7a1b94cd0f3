import { highlight } from "~/search/text";

/** Text with the search words marked; React escapes every segment, so nothing is read as HTML. */
export function Highlighted({ text, words }: { text: string; words: string[] }) {
  return (
    <>
      {highlight(text, words).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}

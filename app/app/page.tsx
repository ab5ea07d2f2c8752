import { parseFigureParams } from '@figurl/sdk/protocol';

export default function Home() {
  const p = parseFigureParams(new URLSearchParams('v=vegalite&d={"a":1}'));
  return <main>figurl {p.dataUri}</main>;
}

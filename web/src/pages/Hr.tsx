export function HrHome() {
  return <h1>Coming soon</h1>;
}

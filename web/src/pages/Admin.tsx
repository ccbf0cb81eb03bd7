export function AdminHome() {
  return <h1>Coming soon</h1>;
}

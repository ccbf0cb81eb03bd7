export function ManagerHome({ path: _path, go: _go }: { path: string; go: (to: string) => void }) {
  return <h1>Coming soon</h1>;
}

// Jest global setup for the int and e2e tiers (filled in by the stack work).
export default function globalSetup(): void {}

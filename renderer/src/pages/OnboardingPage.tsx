// Owned by the area's work in progress; replaced by the real page in the same session.
export function OnboardingPage({ profileId }: { profileId?: string | undefined }) {
  void profileId;
  return <main className="page" />;
}

import { useT } from '../i18n/i18n.tsx';

/** 演练: shown for as long as anything from a drill is on the map, never dismissible. */
export function ExerciseBanner() {
  const t = useT();
  return (
    <p className="exercise-banner" role="status" data-testid="exercise-banner">
      <strong>{t('map.exercise.badge')}</strong> {t('map.exercise.text')}
    </p>
  );
}

/** The diagonal 演练 watermark over the map while a drill is shown. */
export function ExerciseWatermark() {
  const t = useT();
  return (
    <div className="exercise-watermark" aria-hidden="true">
      {Array.from({ length: 12 }, (_, i) => (
        <span key={i}>{t('map.exercise.badge')}</span>
      ))}
    </div>
  );
}

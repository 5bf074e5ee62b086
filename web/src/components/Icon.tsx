import sprite from '@dkfds/img/all-svg-icons.svg?url';

/** A DKFDS icon from its sprite. Decorative unless `label` is given. */
export function Icon({
  name,
  label,
  className,
}: {
  name: string;
  label?: string;
  className?: string;
}) {
  const classes = ['icon-svg', className].filter(Boolean).join(' ');
  if (label) {
    return (
      <svg className={classes} focusable="false" role="img" aria-label={label}>
        <use href={`${sprite}#${name}`} />
      </svg>
    );
  }
  return (
    <svg className={classes} focusable="false" aria-hidden="true">
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}

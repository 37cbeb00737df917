import { ITEM_KINDS, ITEM_KIND_LABELS } from '@muster/contracts';
import type { ItemKind } from '@muster/contracts';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { errorUnder } from './form-values.ts';
import { label } from './labels.ts';
import type { ItemDraft } from './requisition-request.ts';

/** The boxes of one item, numbered in their labels so each is told apart by name. */
export function ItemFields({
  index: i,
  item,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  item: ItemDraft;
  errors: Record<string, string>;
  onChange: (v: Partial<ItemDraft>) => void;
  onRemove: (() => void) | undefined;
}) {
  const t = useT();
  const { locale } = useLocale();
  const n = i + 1;
  const err = (k: string) => errorUnder(errors, `items.${i}.${k}`);
  return (
    <fieldset className="console-fieldset">
      <legend>{t('console.requisitionForm.item', { n })}</legend>
      <div className="console-grid">
        <SelectField
          id={`rq-item-${i}-kind`}
          label={t('console.requisitionForm.item.kind', { n })}
          value={item.kind}
          error={err('kind')}
          onChange={(e) => onChange({ kind: e.target.value as ItemKind })}
          options={ITEM_KINDS.map((k) => ({ value: k, label: label(ITEM_KIND_LABELS[k], locale) }))}
        />
        <FormField
          id={`rq-item-${i}-description`}
          label={t('console.requisitionForm.item.description', { n })}
          value={item.description}
          error={err('description')}
          onChange={(e) => onChange({ description: e.target.value })}
        />
        <FormField
          id={`rq-item-${i}-identification`}
          label={t('console.requisitionForm.item.identification', { n })}
          value={item.identification}
          error={err('identification')}
          onChange={(e) => onChange({ identification: e.target.value })}
        />
        <FormField
          id={`rq-item-${i}-quantity`}
          label={t('console.requisitionForm.item.quantity', { n })}
          inputMode="decimal"
          value={item.quantity}
          error={err('quantity')}
          onChange={(e) => onChange({ quantity: e.target.value })}
        />
        <FormField
          id={`rq-item-${i}-unit`}
          label={t('console.requisitionForm.item.unit', { n })}
          hint={t('console.requisitionForm.item.unitHint')}
          value={item.unit}
          error={err('unit')}
          onChange={(e) => onChange({ unit: e.target.value })}
        />
      </div>
      <TextAreaField
        id={`rq-item-${i}-condition`}
        label={t('console.requisitionForm.item.condition', { n })}
        value={item.condition}
        error={err('conditionAtHandover')}
        rows={2}
        onChange={(e) => onChange({ condition: e.target.value })}
      />
      {onRemove ? (
        <button type="button" className="console-button" onClick={onRemove}>
          {t('console.requisitionForm.removeItem', { n })}
        </button>
      ) : null}
    </fieldset>
  );
}

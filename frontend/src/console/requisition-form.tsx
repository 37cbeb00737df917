import { ZOrder, ZOrderRequest } from '@muster/contracts';
import type { TOrder } from '@muster/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useConsoleApi } from './api.ts';
import { useCheckedSubmit } from './use-checked-submit.ts';
import { localInputValue } from './labels.ts';
import { emptyItem, orderRequestOf } from './requisition-request.ts';
import type { ItemDraft, OrderDraft } from './requisition-request.ts';
import { FormFailure } from './states.tsx';
import { ItemFields } from './requisition-items.tsx';

const DAY_MS = 86_400_000;

/**
 * 征用申请 for one incident: who asks and on what legal basis, for what, whose property (a unit
 * or a person), which items in what condition, where and until when. Checked with the contract
 * before it is sent; the server's refusal stands under each field it names.
 */
export function RequisitionForm({
  incidentId,
  onRequested,
}: {
  incidentId: string;
  onRequested: (o: TOrder) => void;
}) {
  const t = useT();
  const api = useConsoleApi();
  const { errors, failure, busy, focus, submit, err } = useCheckedSubmit();
  const [d, setD] = useState<OrderDraft>(() => ({
    requestingUnit: t('console.requisitionForm.defaultUnit'),
    legalBasis: t('console.requisitionForm.defaultBasis'),
    purpose: '',
    ownerKind: 'unit',
    unitName: '',
    creditCode: '',
    ownerName: '',
    ownerPhone: '',
    idNumber: '',
    ownerAddress: '',
    items: [emptyItem()],
    placeAddress: '',
    lon: '',
    lat: '',
    from: localInputValue(Date.now()),
    until: localInputValue(Date.now() + DAY_MS),
  }));
  const set = <K extends keyof OrderDraft>(k: K, v: OrderDraft[K]) =>
    setD((x) => ({ ...x, [k]: v }));
  const setItem = (i: number, v: Partial<ItemDraft>) =>
    setD((x) => ({ ...x, items: x.items.map((it, j) => (j === i ? { ...it, ...v } : it)) }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = orderRequestOf(incidentId, d);
    void submit(
      ZOrderRequest,
      body,
      () => api.send('POST', '/api/requisition/orders', ZOrder, body),
      onRequested,
    );
  };
  const unit = d.ownerKind === 'unit';

  return (
    <form
      ref={focus.ref}
      className="console-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="requisition-form-title"
      aria-busy={busy}
    >
      <h3 id="requisition-form-title">{t('console.requisitionForm.title')}</h3>
      <p className="muted">{t('console.requisitionForm.intro')}</p>
      <FormFailure failure={failure} fields={errors} />
      <FormField
        id="rq-requestingUnit"
        label={t('console.requisition.unit')}
        value={d.requestingUnit}
        error={err('requestingUnit')}
        onChange={(e) => set('requestingUnit', e.target.value)}
      />
      <TextAreaField
        id="rq-legalBasis"
        label={t('console.requisitionForm.legalBasis')}
        value={d.legalBasis}
        error={err('legalBasis')}
        rows={2}
        onChange={(e) => set('legalBasis', e.target.value)}
      />
      <TextAreaField
        id="rq-purpose"
        label={t('console.requisitionForm.purpose')}
        hint={t('console.requisitionForm.purposeHint')}
        value={d.purpose}
        error={err('purpose')}
        rows={2}
        onChange={(e) => set('purpose', e.target.value)}
      />
      <fieldset className="console-fieldset">
        <legend>{t('console.requisition.owner')}</legend>
        <SelectField
          id="rq-ownerKind"
          label={t('console.requisitionForm.ownerKind')}
          value={d.ownerKind}
          error={errors['owner.kind']}
          onChange={(e) => set('ownerKind', e.target.value as OrderDraft['ownerKind'])}
          options={(['unit', 'person'] as const).map((k) => ({
            value: k,
            label: t(`console.requisitionForm.ownerKind.${k}`),
          }))}
        />
        {unit ? (
          <div className="console-grid">
            <FormField
              id="rq-unitName"
              label={t('console.requisitionForm.unitName')}
              hint={t('console.requisitionForm.unitNameHint')}
              value={d.unitName}
              error={err('owner.unitName')}
              onChange={(e) => set('unitName', e.target.value)}
            />
            <FormField
              id="rq-creditCode"
              label={t('console.requisitionForm.creditCode')}
              value={d.creditCode}
              error={err('owner.creditCode')}
              onChange={(e) => set('creditCode', e.target.value)}
            />
          </div>
        ) : null}
        <div className="console-grid">
          <FormField
            id="rq-ownerName"
            label={t(
              unit ? 'console.requisitionForm.contactName' : 'console.requisitionForm.personName',
            )}
            autoComplete="off"
            value={d.ownerName}
            error={err('owner.name')}
            onChange={(e) => set('ownerName', e.target.value)}
          />
          <FormField
            id="rq-ownerPhone"
            label={t('console.requisitionForm.phone')}
            hint={t('console.requisitionForm.phoneHint')}
            type="tel"
            autoComplete="off"
            value={d.ownerPhone}
            error={err('owner.phone')}
            onChange={(e) => set('ownerPhone', e.target.value)}
          />
        </div>
        {unit ? null : (
          <FormField
            id="rq-idNumber"
            label={t('console.requisitionForm.idNumber')}
            autoComplete="off"
            value={d.idNumber}
            error={err('owner.idNumber')}
            onChange={(e) => set('idNumber', e.target.value)}
          />
        )}
        <FormField
          id="rq-ownerAddress"
          label={t('console.requisitionForm.address')}
          autoComplete="off"
          value={d.ownerAddress}
          error={err('owner.address')}
          onChange={(e) => set('ownerAddress', e.target.value)}
        />
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>{t('console.requisitionForm.items')}</legend>
        {errors.items ? <p className="field-error">{errors.items}</p> : null}
        {d.items.map((it, i) => (
          <ItemFields
            key={i}
            index={i}
            item={it}
            errors={errors}
            onChange={(v) => setItem(i, v)}
            onRemove={
              d.items.length > 1
                ? () =>
                    set(
                      'items',
                      d.items.filter((_, j) => j !== i),
                    )
                : undefined
            }
          />
        ))}
        <button
          type="button"
          className="console-button"
          onClick={() => set('items', [...d.items, emptyItem('materials')])}
        >
          {t('console.requisitionForm.addItem')}
        </button>
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>{t('console.requisitionForm.place')}</legend>
        <FormField
          id="rq-placeAddress"
          label={t('console.requisitionForm.placeAddress')}
          value={d.placeAddress}
          error={err('place.address')}
          onChange={(e) => set('placeAddress', e.target.value)}
        />
        <div className="console-grid">
          <FormField
            id="rq-lon"
            label={t('console.requisitionForm.lon')}
            inputMode="decimal"
            value={d.lon}
            error={err('place.point.lon') ?? errors['place.point']}
            onChange={(e) => set('lon', e.target.value)}
          />
          <FormField
            id="rq-lat"
            label={t('console.requisitionForm.lat')}
            inputMode="decimal"
            value={d.lat}
            error={err('place.point.lat')}
            onChange={(e) => set('lat', e.target.value)}
          />
        </div>
      </fieldset>
      <div className="console-grid">
        <FormField
          id="rq-from"
          type="datetime-local"
          label={t('console.requisitionForm.from')}
          value={d.from}
          error={err('expectedPeriod.from') ?? errors.expectedPeriod}
          onChange={(e) => set('from', e.target.value)}
        />
        <FormField
          id="rq-until"
          type="datetime-local"
          label={t('console.requisitionForm.until')}
          value={d.until}
          error={err('expectedPeriod.until')}
          onChange={(e) => set('until', e.target.value)}
        />
      </div>
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('console.sending') : t('console.requisitionForm.submit')}
        </button>
      </div>
    </form>
  );
}

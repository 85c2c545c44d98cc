import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Menu,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react'
import { formatMoney } from '@shared/format/money'
import type { AddOn } from '@shared/proposals/price-book'
import type { PricedLine, PricedProposal } from '@shared/proposals/pricing'
import type { FieldErrors } from '../tiers/field-errors'
import { Panel } from '../account/Panel'
import { DiscountInput } from './DiscountInput'
import { noDiscount, type LineForm, type PricingForm, type TermChoice } from './pricing-form'

export type UpdatePricing = (change: (form: PricingForm) => void) => void

const terms: { value: TermChoice; label: string }[] = [
  { value: '12', label: '12' },
  { value: '24', label: '24' },
  { value: '36', label: '36' },
  { value: 'custom', label: 'Custom' },
]
const isTerm = (value: string): value is TermChoice => terms.some((term) => term.value === value)

function lineLabel(line: LineForm, addOns: readonly AddOn[]): string {
  if (line.kind === 'seats') return 'Seats'
  if (line.kind === 'platform-fee') return 'Platform fee'
  return addOns.find((addOn) => addOn.key === line.addOnKey)?.label ?? line.addOnKey
}

const billingWords: Readonly<Record<PricedLine['billing'], string>> = {
  'per-month': 'monthly',
  'per-year': 'yearly',
  'one-time': 'once',
}

/** How the book sells a line: per what, how often, in which quantities. */
function lineTerms(line: PricedLine): string {
  if (line.kind === 'platform-fee') return 'Yearly fee'
  const range =
    line.maxQuantity === null
      ? line.minQuantity > 0
        ? ` · from ${line.minQuantity}`
        : ''
      : ` · ${line.minQuantity}–${line.maxQuantity}`
  return `per ${line.unit} · ${billingWords[line.billing]}${range}`
}

function Totals(props: { readonly priced: PricedProposal; readonly locale: string }) {
  const { priced } = props
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: priced.currency }, props.locale)
  const rows: readonly [string, number, string][] = [
    ['List price', priced.listTotalMinor, 'list'],
    ['Before discounts', priced.grossTotalMinor, 'gross'],
    ['Discounts', -priced.discountTotalMinor, 'discounts'],
    ['Total contract value', priced.totalContractValueMinor, 'tcv'],
    ['Annual value', priced.annualRecurringMinor, 'annual'],
    ['Proration credit', -priced.prorationCreditAppliedMinor, 'credit'],
    ['Amount due', priced.amountDueMinor, 'due'],
  ]
  return (
    <Stack gap="xs">
      <Table aria-label="Totals" withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, amount, key]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" fw={key === 'tcv' || key === 'due' ? 700 : 500}>
                {label}
              </Table.Th>
              <Table.Td ta="right" data-testid={`total-${key}`}>
                {money(amount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {priced.termMonths} months from {priced.startDate} to {priced.endDate}
        {priced.standardTerm ? '' : ' (custom term)'}; renews {priced.renewalDate}.{' '}
        {priced.years.map((year) => `Year ${year.year}: ${money(year.amountMinor)}`).join(' · ')}
        {priced.prorationCreditUnusedMinor > 0 &&
          ` · ${money(priced.prorationCreditUnusedMinor)} of credit is left over`}
      </Text>
    </Stack>
  )
}

/**
 * The price inputs and main's answer to them: lines from the target tier's book, discounts,
 * term, start and proration credit; each error under its field, totals once everything prices.
 */
export function PricingPanel(props: {
  readonly form: PricingForm
  readonly update: UpdatePricing
  readonly errors: FieldErrors
  readonly priced: PricedProposal | null
  readonly previewing: boolean
  readonly addOns: readonly AddOn[]
  readonly locale: string
  readonly disabled: boolean
}) {
  const { form, update, errors, priced, disabled } = props
  const has = (kind: LineForm['kind'], key = '') =>
    form.lines.some((line) => line.kind === kind && (kind !== 'add-on' || line.addOnKey === key))
  const addLine = (line: Omit<LineForm, 'unitPriceText' | 'discount'>) =>
    update((f) => void f.lines.push({ ...line, unitPriceText: '', discount: noDiscount() }))
  const netOf = (index: number) => priced?.lines.find((line) => line.index === index)
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: form.currency }, props.locale)

  return (
    <Panel
      title="Pricing"
      testId="pricing-panel"
      actions={
        <Text size="sm" c="dimmed">
          Prices in {form.currency}
        </Text>
      }
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="term-label">
              Term (months)
            </Text>
            <SegmentedControl
              aria-labelledby="term-label"
              data={terms}
              value={form.term}
              disabled={disabled}
              onChange={(value) => {
                if (isTerm(value)) update((f) => void (f.term = value))
              }}
            />
            {form.term === 'custom' && (
              <NumberInput
                label="Months"
                min={1}
                max={60}
                allowDecimal={false}
                value={form.customMonths}
                disabled={disabled}
                onChange={(value) => update((f) => void (f.customMonths = value))}
              />
            )}
            {errors.at('termMonths') !== undefined && (
              <Text size="xs" c="red" role="alert">
                {errors.at('termMonths')}
              </Text>
            )}
          </Stack>
          <TextInput
            label="Start date"
            type="date"
            value={form.startDate}
            error={errors.at('startDate')}
            disabled={disabled}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((f) => void (f.startDate = value))
            }}
          />
          <TextInput
            label="Proration credit"
            description="For the unused part of the current contract"
            rightSection={form.currency}
            rightSectionWidth={44}
            value={form.prorationCreditText}
            error={errors.at('prorationCreditMinor')}
            disabled={disabled}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((f) => void (f.prorationCreditText = value))
            }}
          />
        </SimpleGrid>

        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Price lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Quantity</Table.Th>
                <Table.Th>Unit price</Table.Th>
                <Table.Th>Discount</Table.Th>
                <Table.Th ta="right">Net</Table.Th>
                <Table.Th aria-label="Remove" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.lines.map((line, index) => {
                const at = `lines.${index}`
                const label = lineLabel(line, props.addOns)
                const result = netOf(index)
                const rowError = errors.at(at) ?? errors.at(`${at}.addOnKey`)
                return (
                  <Table.Tr key={`${line.kind}-${line.addOnKey}-${index}`} data-testid="price-line">
                    <Table.Td>
                      <Text fw={500}>{label}</Text>
                      {result !== undefined && (
                        <Text size="xs" c="dimmed">
                          {lineTerms(result)}
                        </Text>
                      )}
                      {rowError !== undefined && (
                        <Text size="xs" c="red" role="alert">
                          {rowError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {line.kind === 'platform-fee' ? (
                        <Text size="sm">1</Text>
                      ) : (
                        <NumberInput
                          aria-label={`${label} quantity`}
                          allowDecimal={false}
                          value={line.quantity}
                          error={errors.at(`${at}.quantity`)}
                          disabled={disabled}
                          onChange={(value) =>
                            update((f) => {
                              const target = f.lines[index]
                              if (target !== undefined) target.quantity = value
                            })
                          }
                          w={120}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${label} unit price`}
                        placeholder={
                          result === undefined ? 'Book price' : money(result.bookUnitPriceMinor)
                        }
                        value={line.unitPriceText}
                        error={errors.at(`${at}.unitPriceMinor`)}
                        disabled={disabled}
                        onChange={(event) => {
                          const value = event.currentTarget.value
                          update((f) => {
                            const target = f.lines[index]
                            if (target !== undefined) target.unitPriceText = value
                          })
                        }}
                        w={140}
                      />
                    </Table.Td>
                    <Table.Td>
                      <DiscountInput
                        label={`${label} discount`}
                        value={line.discount}
                        currency={form.currency}
                        error={errors.under(`${at}.discount`)}
                        disabled={disabled}
                        onChange={(discount) =>
                          update((f) => {
                            const target = f.lines[index]
                            if (target !== undefined) target.discount = discount
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td ta="right" data-testid="line-net">
                      {result === undefined ? '—' : money(result.netMinor)}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={`Remove ${label}`}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${label}`}
                          disabled={disabled}
                          onClick={() => update((f) => void f.lines.splice(index, 1))}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {errors.at('lines') !== undefined && (
          <Text size="sm" c="red" role="alert">
            {errors.at('lines')}
          </Text>
        )}
        <Group justify="space-between" align="flex-start">
          <Menu position="bottom-start">
            <Menu.Target>
              <Button variant="default" leftSection={<IconPlus size={16} />} disabled={disabled}>
                Add a line
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                disabled={has('seats')}
                onClick={() => addLine({ kind: 'seats', addOnKey: '', quantity: 1 })}
              >
                Seats
              </Menu.Item>
              <Menu.Item
                disabled={has('platform-fee')}
                onClick={() => addLine({ kind: 'platform-fee', addOnKey: '', quantity: 1 })}
              >
                Platform fee
              </Menu.Item>
              {props.addOns.length > 0 && <Menu.Label>Add-ons</Menu.Label>}
              {props.addOns.map((addOn) => (
                <Menu.Item
                  key={addOn.key}
                  disabled={has('add-on', addOn.key)}
                  onClick={() =>
                    addLine({
                      kind: 'add-on',
                      addOnKey: addOn.key,
                      quantity: Math.max(1, addOn.minQuantity),
                    })
                  }
                >
                  {addOn.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Overall discount
            </Text>
            <DiscountInput
              label="Overall discount"
              value={form.discount}
              currency={form.currency}
              error={errors.under('discount')}
              disabled={disabled}
              onChange={(discount) => update((f) => void (f.discount = discount))}
            />
          </Stack>
        </Group>
        {priced === null ? (
          <Alert color="gray" icon={<IconAlertTriangle />} title="No totals yet">
            {props.previewing
              ? 'Pricing…'
              : 'Fix the problems shown under the fields to see the totals.'}
          </Alert>
        ) : (
          <Totals priced={priced} locale={props.locale} />
        )}
      </Stack>
    </Panel>
  )
}

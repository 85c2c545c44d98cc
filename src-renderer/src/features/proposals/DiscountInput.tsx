import { Group, NumberInput, Select, TextInput } from '@mantine/core'
import type { DiscountForm, DiscountMode } from './pricing-form'

const modes: readonly { value: DiscountMode; label: string }[] = [
  { value: 'none', label: 'No discount' },
  { value: 'percent', label: 'Percent' },
  { value: 'amount', label: 'Amount' },
]
const isMode = (value: string | null): value is DiscountMode =>
  modes.some((mode) => mode.value === value)

/** A discount as percent or amount; what is allowed is main's answer, shown in `error`. */
export function DiscountInput(props: {
  readonly label: string
  readonly value: DiscountForm
  readonly currency: string
  readonly error: string | undefined
  readonly disabled: boolean
  readonly onChange: (next: DiscountForm) => void
}) {
  const { value, onChange } = props
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Select
        aria-label={`${props.label} kind`}
        data={modes}
        value={value.mode}
        allowDeselect={false}
        disabled={props.disabled}
        onChange={(mode) => onChange({ ...value, mode: isMode(mode) ? mode : 'none' })}
        w={130}
      />
      {value.mode === 'percent' && (
        <NumberInput
          aria-label={`${props.label} percent`}
          suffix=" %"
          decimalScale={4}
          value={value.percent}
          error={props.error}
          disabled={props.disabled}
          onChange={(percent) => onChange({ ...value, percent })}
          w={110}
        />
      )}
      {value.mode === 'amount' && (
        <TextInput
          aria-label={`${props.label} amount`}
          rightSection={props.currency}
          rightSectionWidth={44}
          value={value.amountText}
          error={props.error}
          disabled={props.disabled}
          onChange={(event) => onChange({ ...value, amountText: event.currentTarget.value })}
          w={140}
        />
      )}
    </Group>
  )
}

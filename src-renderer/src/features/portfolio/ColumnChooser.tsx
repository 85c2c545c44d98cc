import { Button, Checkbox, Popover, Stack } from '@mantine/core'
import { IconColumns } from '@tabler/icons-react'
import { memo } from 'react'
import {
  normaliseColumns,
  portfolioColumnIds,
  portfolioColumnLabels,
  type PortfolioColumnId,
} from '@shared/portfolio/portfolio-columns'

/**
 * Shows or hides columns; the account name always stays (a row must say what it is). Memoised:
 * a filter change leaves the columns (and the stable `onChange`) as they were.
 */
export const ColumnChooser = memo(function ColumnChooser(props: {
  readonly columns: readonly PortfolioColumnId[]
  readonly onChange: (columns: PortfolioColumnId[]) => void
}) {
  return (
    <Popover position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label="Columns shown"
          value={[...props.columns]}
          onChange={(values) => props.onChange(normaliseColumns(values))}
        >
          <Stack gap="xs" mt="xs">
            {portfolioColumnIds.map((column) => (
              <Checkbox
                key={column}
                value={column}
                label={portfolioColumnLabels[column]}
                disabled={column === 'name'}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  )
})

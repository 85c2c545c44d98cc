import { Anchor, Typography } from '@mantine/core'
import ReactMarkdown, { type Components } from 'react-markdown'
import classes from './account.module.css'

/**
 * Renders a note's Markdown. Safe by construction: raw HTML in the text is dropped (never
 * parsed into elements), react-markdown's URL filter removes `javascript:` and other unsafe
 * links, images are not loaded (a note must not fetch anything), and links open outside the
 * app (the window's open handler sends vetted https URLs to the system browser).
 */
const components: Components = {
  // A note's headings sit below the panel's (h3) in the page outline, never beside the page's.
  h1: ({ children }) => <h4>{children}</h4>,
  h2: ({ children }) => <h5>{children}</h5>,
  h3: ({ children }) => <h6>{children}</h6>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  h6: ({ children }) => <h6>{children}</h6>,
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  ),
}

export function Markdown({ children }: { readonly children: string }) {
  // A call that went to voicemail or a planned QBR may have no text: show nothing, not a gap.
  if (children.trim() === '') return null
  return (
    <Typography className={classes.markdown}>
      <ReactMarkdown skipHtml disallowedElements={['img']} unwrapDisallowed components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  )
}

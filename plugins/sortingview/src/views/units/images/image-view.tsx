import { useState } from 'react';
import type { ViewProps } from '../../view-definition.js';
import { ViewMessage } from '../shared/view-message.js';
import type { ImageViewData } from './parse-image.js';

/** One image, scaled to fit (never enlarged past its own size), centred. */
export function ImageView({ data, width, height }: ViewProps<ImageViewData>) {
  const [failedUrl, setFailedUrl] = useState<string | undefined>(undefined);
  if (failedUrl === data.url) {
    return (
      <ViewMessage width={width} height={height}>
        The image could not be loaded{data.url.startsWith('data:') ? '' : ` from ${new URL(data.url).host}`}.
      </ViewMessage>
    );
  }
  return (
    <div style={{ width, height, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      <img
        src={data.url}
        alt=""
        onError={() => setFailedUrl(data.url)}
        style={{ maxWidth: width, maxHeight: height, objectFit: 'contain' }}
      />
    </div>
  );
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { defineErrors } from '@turnout/common/problems/domain-error';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { Public } from 'src/modules/auth/decorators/public.decorator';

/**
 * Routes that exist only in tests, to drive the platform (validation, error mapping, roles,
 * shutdown) without depending on any feature module.
 */
class FixtureAddress {
  @IsString()
  city: string;
}

export class FixtureBody {
  @IsString()
  name: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => FixtureAddress)
  address?: FixtureAddress;
}

export class FixtureQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  ms?: number;
}

export class FixtureError extends defineErrors({
  'seat-taken': { status: 409, title: 'The seat is taken' },
}) {}

@Controller('__fixtures')
export class PlatformFixturesController {
  @Post('echo')
  @Public()
  echo(@Body() body: FixtureBody, @Query() query: FixtureQuery) {
    return { body, query };
  }

  @Get('admin-only')
  @Auth({ roles: ['ADMIN'] })
  adminOnly() {
    return { ok: true };
  }

  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('connection string postgres://secret@db leaked');
  }

  @Get('domain-error')
  @Public()
  domainError(): never {
    throw new FixtureError('seat-taken', 'Seat 12A is taken', { seat: '12A' });
  }

  @Get('slow')
  @Public()
  async slow(@Query() query: FixtureQuery) {
    await sleep(query.ms ?? 500);
    return { done: true };
  }
}
